{{%AUTOESCAPE context="HTML"}}
{{! GET / : search box, topics with counts, latest guides. }}
<h1>{{T_home_title}}</h1>
<p>{{T_home_intro}}</p>
{{>FORM}}
<h2 id="topics">{{T_home_topics}}</h2>
<ul class="topics">
{{#TOPIC}}<li><a href="{{URL}}">{{NAME}} <span>{{COUNT}}</span></a></li>{{/TOPIC}}
</ul>
{{#LATEST}}<h2>{{T_home_latest}}</h2>
{{>LIST}}
<p><a href="{{ALL_URL}}">{{T_home_all}}</a></p>{{/LATEST}}
